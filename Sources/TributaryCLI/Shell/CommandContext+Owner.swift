import Foundation
import ImportCore
import WorkspaceStore

extension CommandContext {
    /// Who a command acts for, following what the user already said: `--owner`; else the config's
    /// `owner`; else `TRIBUTARY_OWNER`; else, when none of these says, the owner of the connection
    /// the command names (if one owner has it), else `fallback` (`connect`: the account's email),
    /// else the only owner in the database. An owner stated explicitly is never exchanged for
    /// another one: owners do not see each other's connections. Overrides are noted on stderr.
    func owner(
        in workspace: Workspace, connection: String? = nil, configured: String? = nil, fallback: String? = nil
    ) throws -> Owner {
        let flag = arguments.value("owner").flatMap { $0.isEmpty ? nil : $0 }
        let configured = configured.flatMap { $0.isEmpty ? nil : $0 }
        let variable = environment["TRIBUTARY_OWNER"].flatMap { $0.isEmpty ? nil : $0 }
        let fallback = fallback.flatMap { $0.isEmpty ? nil : $0 }
        if let flag {
            if let configured, flag.caseInsensitiveCompare(configured) != .orderedSame {
                console.err("note: --owner \(flag) is used; the config's owner \(configured) is not")
            }
            return try workspace.owner(email: flag)
        }
        if let configured {
            if let variable, variable.caseInsensitiveCompare(configured) != .orderedSame {
                console.err("note: the config's owner \(configured) is used; TRIBUTARY_OWNER (\(variable)) is not")
            }
            return try workspace.owner(email: configured)
        }
        if let variable {
            if let fallback, variable.caseInsensitiveCompare(fallback) != .orderedSame {
                console.err(
                    "note: the owner is \(variable) (TRIBUTARY_OWNER), not \(fallback); pass --owner EMAIL to choose")
            }
            return try workspace.owner(email: variable)
        }
        if let connection {
            let holders = try workspace.owners(withConnection: connection)
            if holders.count == 1 { return holders[0] }
            if holders.count > 1 {
                throw CLIError.usage(
                    "several owners have a connection named \"\(connection)\": \(holders.map(\.email).joined(separator: ", "))\n  hint: pass --owner EMAIL."
                )
            }
        }
        if let fallback { return try workspace.owner(email: fallback) }
        let owners = try workspace.owners()
        if owners.count == 1 { return owners[0] }
        if owners.isEmpty {
            throw CLIError.usage(
                "\(workspace.path) has no owner yet\n  hint: connect a source first (`tributary connect …`), or pass --owner EMAIL."
            )
        }
        throw CLIError.usage(
            "\(workspace.path) has several owners: \(owners.map(\.email).joined(separator: ", "))\n  hint: pass --owner EMAIL or set TRIBUTARY_OWNER."
        )
    }
}
