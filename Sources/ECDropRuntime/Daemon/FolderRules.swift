import ECDropCore

/// The rules folder as the daemon reloads it: read every file, and only when the whole set is
/// valid put it in force in one swap; otherwise keep the set in force and report everything.
struct FolderRules: RuleSetReloading {
    let folder: String
    let store: RuleSetStore

    func reload() throws(RulesReloadError) -> RulesSummary {
        let read: RulesFolder
        do {
            read = try RulesFolder.read(folder)
        } catch {
            let problem = Diagnostic(.error, code: error.code, error.message, at: nil)
            throw RulesReloadError(folder: folder, diagnostics: [problem], cause: error)
        }
        guard let ruleSet = read.ruleSet else {
            throw RulesReloadError(folder: folder, diagnostics: read.diagnostics, rendered: read.renderedDiagnostics())
        }
        store.replace(with: ruleSet)
        return RulesSummary(
            ruleCount: ruleSet.rules.count, fileCount: read.files.count,
            warnings: read.diagnostics.filter { $0.severity != .error })
    }
}
