/// How the sandbox world is made: how many items in how many containers, from which seed, and who
/// the token's own person is. Two worlds of one config are the same world.
struct WorldConfig: Sendable, Hashable {
    var items: Int
    var containers: Int
    /// Container keys instead of `DEMO`, `OPS`, …; their count wins over `containers`.
    var containerKeys: [String]?
    var seed: UInt64
    /// The email of the person the sandbox's token belongs to.
    var tokenEmail: String
    /// That person's time zone.
    var tokenTimeZone: String
}
