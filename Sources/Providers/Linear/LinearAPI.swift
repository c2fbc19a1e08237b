import Foundation
import ImportCore

/// The Linear GraphQL requests and response shapes the provider is built on (linear/linear schema.graphql).
public enum LinearAPI {
    /// `{ viewer { id email name } }` with the key as the whole Authorization header.
    public static func verifyRequest(_ credentials: Credentials, endpoint: String = LinearProvider.baseURL)
        -> HTTPRequest
    {
        graphQL(#"{ viewer { id email name timezone } }"#, variables: [:], credentials: credentials, endpoint: endpoint)
    }

    /// One page of a team's issues with what the mapping reads.
    public static func issuesRequest(
        team: String, after: String?, first: Int = 50, credentials: Credentials,
        endpoint: String = LinearProvider.baseURL
    ) -> HTTPRequest {
        let query = """
            query Issues($team: String!, $first: Int!, $after: String) {
              issues(filter: { team: { key: { eq: $team } } }, first: $first, after: $after, orderBy: updatedAt) {
                nodes {
                  id identifier url title description priority priorityLabel estimate dueDate createdAt updatedAt
                  state { name type } assignee { id name email } team { id key } parent { id }
                  project { id name } projectMilestone { id name } cycle { number }
                  labels { nodes { name } }
                  children(first: 50) { nodes { id identifier url title state { type } } }
                  comments(first: 100) { nodes { id url body createdAt updatedAt user { id name email } } }
                  attachments(first: 50) { nodes { id title url createdAt updatedAt } }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
            """
        var variables: [String: JSONValue] = ["team": .string(team), "first": .number(Double(min(250, max(1, first))))]
        if let after { variables["after"] = .string(after) }
        return graphQL(query, variables: variables, credentials: credentials, endpoint: endpoint)
    }

    static func graphQL(_ query: String, variables: [String: JSONValue], credentials: Credentials, endpoint: String)
        -> HTTPRequest
    {
        HTTPRequest(
            method: "POST", url: URL(string: endpoint)!,
            headers: ["Authorization": credentials.authorizationHeader(), "Content-Type": "application/json"],
            body: JSONWriter().data(["query": .string(query), "variables": .object(variables)]))
    }

    /// The nodes of an `issues` connection and the cursor of the next page (`nil` on the last).
    public static func parsePage(_ body: JSONValue) -> (records: [JSONValue], endCursor: String?) {
        let connection = body["data"]?["issues"]
        let records = connection?["nodes"]?.arrayValue ?? []
        let info = connection?["pageInfo"]
        let next = info?["hasNextPage"]?.boolValue == true ? info?["endCursor"]?.stringValue : nil
        return (records, next)
    }

    /// GraphQL errors (`errors[].message`); Linear reports rate limits and bad keys this way, even with HTTP 200/400.
    public static func errorMessages(_ body: JSONValue) -> [String] {
        (body["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
    }
}
