import AsanaProvider
import ClickUpProvider
import ImportCore
import JiraProvider
import LinearProvider

/// The providers this build of `tributary` knows.
public enum ProviderCatalog {
    /// Every provider the CLI knows.
    public static func registry() -> ProviderRegistry {
        ProviderRegistry([JiraProvider(), AsanaProvider(), LinearProvider(), ClickUpProvider()])
    }
}
