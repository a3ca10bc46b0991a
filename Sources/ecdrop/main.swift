import ECDropRuntime
import Foundation

let status = await EntryPoint.main(Array(CommandLine.arguments.dropFirst()))
exit(status)
