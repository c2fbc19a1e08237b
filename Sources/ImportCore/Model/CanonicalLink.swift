/// A link between two source records (blocks, relates, duplicates, clones), stored once per pair
/// whichever end carried it: `fromExternalID` is the outward side ("blocks"), `toExternalID` the
/// inward one ("is blocked by").
public struct CanonicalLink: Sendable, Hashable {
    /// The link's own id at the source.
    public var ref: ExternalRef
    /// The link type's name (`Blocks`).
    public var type: String
    /// How the outward side reads (`blocks`).
    public var outward: String?
    /// How the inward side reads (`is blocked by`).
    public var inward: String?
    /// The source id of the record on the outward side.
    public var fromExternalID: String
    /// The source id of the record on the inward side.
    public var toExternalID: String

    /// A link.
    public init(
        ref: ExternalRef, type: String, outward: String?, inward: String?, fromExternalID: String,
        toExternalID: String
    ) {
        self.ref = ref
        self.type = type
        self.outward = outward
        self.inward = inward
        self.fromExternalID = fromExternalID
        self.toExternalID = toExternalID
    }
}
