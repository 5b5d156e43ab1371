import SpoorModel

/// Prints command results as lttng does, byte for byte (the CLI tests pin lttng transcripts),
/// and returns the exit status lttng would.
///
/// A machine-interface renderer (`--mi xml`, mi-lttng-4.1.xsd) is the second implementation
/// of the same `render` functions; commands do not change for it.
struct HumanRenderer {
    var console: Console

    /// Prints an error the generic way and returns `status`.
    func fail(_ error: CommandError, status: CommandStatus) -> CommandStatus {
        _ = fail(error)
        return status
    }

    /// Prints an error the generic way and returns its status.
    func fail(_ error: CommandError) -> CommandStatus {
        switch error {
        case .daemon(let error): console.error(ErrorText.describe(error))
        case .refused(let text): console.error(text)
        case .refusals(let lines): lines.forEach(console.error)
        case .refusedWithWarning(let text): console.warning(text)
        case .exitStatus(let status, let error): return fail(error, status: status)
        case .explained(let lines, let error):
            lines.forEach(console.error)
            return fail(error)
        case .warned(let warnings, let error):
            warnings.forEach(console.warning)
            return fail(error)
        case .operationFailed(let operation, let error):
            let text = ErrorText.describe(error)
            switch operation {
            case .listTracepoints: console.error("Unable to list UST events: \(text)")
            case .addTrigger: console.error("Failed to register trigger: \(text).")
            case .listTriggers: console.error("Error listing triggers: \(text).")
            case .removeTrigger(let name): console.error("Failed to remove trigger `\(name)`: \(text).")
            }
        case .unsupported(let option): console.error(ErrorText.unsupported(option))
        case .sessionFile(let problem): problem.report(to: console)
        case .noCurrentSession(let configFile):
            let text = ErrorText.noCurrentSession(configFile: configFile)
            console.error(text.error)
            console.message(text.hint)
        case .missingSessionEntry: console.error("Missing session=NAME in config file.")
        }
        return .commandError
    }

    func render(_ result: CommandResult<StartReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report) where report.wasAlreadyActive:
            console.warning("Tracing already started for session \(report.session)")
            return .warning
        case .success(let report):
            console.message("Tracing started for session \(report.session)")
            return .success
        }
    }

    func render(_ result: CommandResult<StopReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report) where report.wasAlreadyInactive:
            console.warning("Tracing already stopped for session \(report.session)")
            return .warning
        case .success(let report):
            // Spoor's daemon answers once the data is on disk; the wait lttng shows with dots
            // while it polls is shown afterwards, one dot per 200 ms it took.
            if let milliseconds = report.waitedMilliseconds {
                console.message("Waiting for data availability" + WaitIndicator.dots(afterMilliseconds: milliseconds))
            }
            if let warning = SessionStatisticsWarning.text(for: report.channels) { console.message(warning) }
            console.message("Tracing stopped for session \(report.session)")
            return .success
        }
    }

    func render(_ result: CommandResult<StatusReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report):
            console.messageWithoutNewline(
                SessionDetailFormatter.render(report.detail, rotationSchedules: report.rotationSchedules))
            return .success
        }
    }

    func render(_ result: CommandResult<ListReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(.sessions(let sessions)):
            console.messageWithoutNewline(SessionListFormatter.render(sessions))
        case .success(.tracepoints(let apps, let showsFields)):
            console.messageWithoutNewline(TracepointListFormatter.render(apps, showsFields: showsFields))
        case .success(.domains(let detail)):
            console.messageWithoutNewline(
                SessionDetailFormatter.header(detail.summary) + SessionDetailFormatter.domains(detail))
        case .success(.session(let detail, let channelName, let isDomainHeaderShown, let schedules, let missing)):
            console.messageWithoutNewline(
                SessionDetailFormatter.render(
                    detail, channelName: channelName, isDomainHeaderShown: isDomainHeaderShown,
                    rotationSchedules: schedules))
            if let missing { return fail(.refused("Channel \(missing) not found")) }
        }
        return .success
    }

    func render(_ result: CommandResult<SetSessionReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report):
            console.message("Session set to \(report.session)")
            return .success
        }
    }

    func render(_ result: CommandResult<CreateReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report):
            if let warning = report.obsoleteOptionWarning {
                console.message(warning)
                return .warning
            }
            guard let session = report.session else { return .success }
            if let outputs = report.snapshotOutputs {
                console.message("Snapshot session \(session.name) created.")
                if let output = outputs.first { console.message("Default snapshot output set to \(output.path)") }
                console.message(
                    "Every channel enabled for this session will be set to mmap output and default to overwrite mode.")
            } else {
                console.message("Session \(session.name) created.")
                if !session.outputPath.isEmpty { console.message("Traces will be output to \(session.outputPath)") }
            }
            if report.currentSessionNotWritten { return fail(.refused("Unable to create config file")) }
            return .success
        }
    }

    func render(_ result: CommandResult<DestroyReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let report):
            if report.foundNone { console.message("No session found, nothing to do.") }
            for destroyed in report.sessions {
                let status = render(destroyed)
                if status != .success { return status }
            }
            return .success
        }
    }

    private func render(_ destroyed: DestroyReport.Destroyed) -> CommandStatus {
        let name = destroyed.session
        if let milliseconds = destroyed.stopWaitMilliseconds, milliseconds >= WaitIndicator.pollMilliseconds {
            console.message("Waiting for data availability" + WaitIndicator.dots(afterMilliseconds: milliseconds))
        }
        if let error = destroyed.stopError { console.error(ErrorText.describe(error)) }
        if let error = destroyed.error { return fail(.daemon(error)) }
        if let milliseconds = destroyed.destroyWaitMilliseconds {
            // A session rotated at least once has its last chunk archived too, as with lttng.
            if let archive = destroyed.archive, archive.state == .completed {
                console.message(
                    "Destroying session \(name)"
                        + WaitIndicator.dots(afterMilliseconds: max(milliseconds, WaitIndicator.pollMilliseconds))
                        + RotationScheduleText.archiveReadable(session: name, path: archive.archivePath) + "\n")
            } else if milliseconds >= WaitIndicator.pollMilliseconds {
                console.message("Destroying session \(name)" + WaitIndicator.dots(afterMilliseconds: milliseconds))
            }
        }
        console.message("Session \(name) destroyed")
        if let warning = SessionStatisticsWarning.text(for: destroyed.channels) { console.message(warning) }
        return .success
    }
}
