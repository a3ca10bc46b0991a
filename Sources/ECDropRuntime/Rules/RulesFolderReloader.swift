import ECDropCore

/// Loads a rules folder into a `RuleSetStore`, whole or not at all: the daemon's
/// `RuleSetReloading` at start and on every SIGHUP or change of the folder.
public struct RulesFolderReloader: RuleSetReloading {
    public let folder: String
    public let store: RuleSetStore

    public init(folder: String, store: RuleSetStore) {
        self.folder = folder
        self.store = store
    }

    public func reload() throws(RulesReloadError) -> RulesSummary {
        let read: RulesFolder
        do {
            read = try RulesFolder.read(folder)
        } catch {
            let diagnostic = Diagnostic(.error, code: error.code, error.message, at: nil)
            throw RulesReloadError(folder: folder, diagnostics: [diagnostic], cause: error)
        }
        guard let ruleSet = read.ruleSet else {
            throw RulesReloadError(folder: folder, diagnostics: read.diagnostics)
        }
        store.replace(with: ruleSet)
        return RulesSummary(ruleCount: ruleSet.rules.count, fileCount: read.files.count, warnings: read.diagnostics)
    }
}
