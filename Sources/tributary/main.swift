import Foundation
import TributaryCLI

// The `tributary` executable: everything lives in TributaryCLI so that it can be tested in-process.
let code = await Tributary.main(Array(CommandLine.arguments.dropFirst()))
exit(code)
