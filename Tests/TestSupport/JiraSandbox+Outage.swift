import Foundation
import ImportCore
import ProviderSandbox

// Outages that begin at a fixed place in a run, however far the importer reads ahead: one started
// when the importer has *written* some pages is not one a test can count on, since a run that
// reads ahead may have fetched every issue by then.
extension JiraSandbox {
    /// Makes the site answer 503 to every issue search after the first `served` (the search
    /// chain's pages, one after another), its retries included; everything else is served.
    public func failSearches(after served: Int) {
        let seen = Locked(0)
        intercept { request, emulator in
            guard request.path.hasSuffix("/search/jql") || request.path.hasSuffix("/search") else { return emulator() }
            let count = seen.update { count -> Int in
                count += 1
                return count
            }
            return count > served ? Self.unavailable : emulator()
        }
    }

    /// Makes the site answer 503 to every bulk fetch that names an issue past the first `kept` its
    /// id listing handed out (the bulk path's pages, fetched in any order); everything else is served.
    public func failBulkFetches(pastListed kept: Int) {
        let first = Locked<Set<String>?>(nil)
        intercept { request, emulator in
            if request.path.hasSuffix("/search/jql") {
                let response = emulator()
                if let answer = try? JSONParser.parse(response.body), first.value == nil {
                    let ids = (answer["issues"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
                    first.update { $0 = Set(ids.prefix(kept)) }
                }
                return response
            }
            guard request.path.hasSuffix("/issue/bulkfetch") else { return emulator() }
            let named = (try? JSONParser.parse(request.body))?["issueIdsOrKeys"]?.arrayValue?.compactMap(\.stringValue)
            guard let allowed = first.value, let named, named.allSatisfy(allowed.contains) else {
                return Self.unavailable
            }
            return emulator()
        }
    }

    private static let unavailable = SandboxResponse.json(503, #"{"errorMessages":["Service Unavailable"]}"#)
}
