extension ImportDestination {
    /// Metadata only, unless a destination says otherwise.
    public var attachmentContent: (any AttachmentContentStore)? { nil }
}
