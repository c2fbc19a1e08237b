// Most façades announce nothing when the world changes.
extension SandboxFacade {
    /// Announces nothing.
    func didMutate(updated: [Int], deleted: [Int], added: [Int]) {}
}
