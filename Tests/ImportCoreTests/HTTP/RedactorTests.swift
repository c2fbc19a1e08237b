import Foundation
import Testing

@testable import ImportCore

/// Secrets taken out of any text before it is logged, stored or shown.
@Suite("Redaction")
struct RedactorTests {
    let secret = "tok/en+SECRET=42"
    var redactor: Redactor { Redactor(secrets: [secret, "abc"]) }
    let hidden = Redactor.placeholder

    @Test("a secret is hidden as given, JSON-escaped and percent-encoded")
    func forms() {
        #expect(redactor.redact("token \(secret) end") == "token \(hidden) end")
        #expect(redactor.redact(#"{"t":"tok\/en+SECRET=42"}"#) == #"{"t":"\#(hidden)"}"#)
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        #expect(redactor.redact("q=\(encoded)") == "q=\(hidden)")
    }

    @Test("secrets shorter than four characters are not redacted (they would blank ordinary words)")
    func shortSecrets() {
        #expect(!Redactor(secrets: ["abc"]).hasSecrets)
        #expect(redactor.redact("abc") == "abc")
    }

    @Test("a longer secret containing a shorter one is hidden whole")
    func longestFirst() {
        let nested = Redactor(secrets: ["abcd", "abcdefgh"])
        #expect(nested.redact("x abcdefgh y") == "x \(hidden) y")
    }

    @Test("values of secret-looking query parameters are hidden, other parameters and prose stay")
    func queryParameters() {
        #expect(
            Redactor().redact("GET /x?access_token=zzz&page=2&API_KEY=k#frag")
                == "GET /x?access_token=\(hidden)&page=2&API_KEY=\(hidden)#frag")
        #expect(Redactor().redact("/x?monkey=1&key=2") == "/x?monkey=1&key=\(hidden)")
        #expect(Redactor().redact("the key=value pair") == "the key=value pair", "only inside a query")
    }

    @Test("a JSON body is decoded before redaction, so an escaped secret cannot survive")
    func jsonBodies() throws {
        let body = Data(#"{"message":"bad \u0074ok\/en+SECRET=42", "tok/en+SECRET=42": 1}"#.utf8)
        let redacted = try JSONParser.parse(redactor.redactBody(body))
        #expect(redacted["message"] == .string("bad \(hidden)"))
        #expect(redacted[hidden] == 1)
        #expect(String(decoding: redactor.redactBody(Data("plain \(secret)".utf8)), as: UTF8.self) == "plain \(hidden)")
    }
}
