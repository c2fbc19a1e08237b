import ImportCore

/// Maps any error to the message and exit code the CLI shows.
enum ErrorReport {
    static func describe(_ error: any Error) -> (String, ExitCode) {
        switch error {
        case let error as CLIError: return (error.message, error.exitCode)
        case let error as ProviderError:
            switch error.kind {
            case .authentication: return (error.description, .authentication)
            case .configuration: return (error.description, .usage)
            default: return (error.description, .failure)
            }
        case let error as URLPolicyError: return (error.description, .usage)
        case let error as ConfigError: return (error.description, .usage)
        case let error as MappingValidationError: return (error.description, .usage)
        case let error as VaultError: return (error.description, .failure)
        case let error as WorkspaceError: return (error.description, .failure)
        case let error as SQLiteError: return (error.description, .failure)
        case let error as ImportRunError:
            switch error.kind {
            case .authentication: return (error.description, .authentication)
            case .configuration: return (error.description, .usage)
            case .failure: return (error.description, .failure)
            }
        case let error as RunLockError: return (error.description, .failure)
        default: return (String(describing: error), .failure)
        }
    }
}
