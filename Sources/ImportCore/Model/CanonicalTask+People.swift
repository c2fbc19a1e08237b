extension CanonicalTask {
    /// The task with every person it names (assignees, reporter, authors of comments, worklogs,
    /// attachments and changes) given the workspace email `map` says.
    public func mappingPeople(_ map: UserMap) -> CanonicalTask {
        guard !map.isEmpty else { return self }
        var task = self
        task.assignees = assignees.map(map.apply)
        task.reporter = reporter.map(map.apply)
        for index in task.comments.indices { task.comments[index].author = comments[index].author.map(map.apply) }
        for index in task.worklogs.indices { task.worklogs[index].author = worklogs[index].author.map(map.apply) }
        for index in task.attachments.indices {
            task.attachments[index].author = attachments[index].author.map(map.apply)
        }
        for index in task.history.indices { task.history[index].author = history[index].author.map(map.apply) }
        return task
    }
}
