import ImportCore

extension Workspace {
    /// Attachment content lives in a folder beside the database file.
    public var attachmentContent: (any AttachmentContentStore)? { contentStore }
}
