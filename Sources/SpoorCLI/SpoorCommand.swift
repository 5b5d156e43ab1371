import ArgumentParser

/// The `spoor` command: the root of the command tree swift-argument-parser parses.
///
/// The general options before the command name are read by `GeneralOptionsParser`, as
/// `lttng` reads them with `getopt_long`, not by this type.
struct SpoorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoor",
        abstract: "Control Spoor tracing.",
        subcommands: CommandTable.commands)
}

/// The commands of `spoor`: every command of lttng 2.13, and Spoor's own.
enum CommandTable {
    static let commands: [any SpoorSubcommand.Type] = [
        AddContextCommand.self, AddTriggerCommand.self, ListTriggersCommand.self, RemoveTriggerCommand.self,
        ClearCommand.self, CrashHandlerCommand.self, CreateCommand.self, DestroyCommand.self, LoadCommand.self,
        MetadataCommand.self, RegenerateCommand.self, SaveCommand.self, SetSessionCommand.self,
        DisableChannelCommand.self, EnableChannelCommand.self,
        DisableEventCommand.self, EnableEventCommand.self,
        DisableRotationCommand.self, EnableRotationCommand.self, RotateCommand.self,
        ListCommand.self, NotificationsCommand.self, StatusCommand.self,
        SnapshotCommand.self, StartCommand.self, StopCommand.self,
        TrackCommand.self, UntrackCommand.self,
        VersionCommand.self, ViewCommand.self,
    ]

    /// What `spoor --list-commands` prints, in the order of `lttng --list-commands`.
    static let commandNames = [
        "add-context", "add-trigger", "create", "clear", "destroy", "disable-channel", "disable-event", "enable-channel",
        "enable-event", "help", "list", "list-triggers", "load", "metadata", "regenerate", "remove-trigger", "rotate",
        "enable-rotation", "disable-rotation", "save", "set-session", "snapshot", "start", "status", "stop", "track",
        "untrack", "version", "view", "crash-handler", "notifications",
    ]

    static func command(named name: String) -> (any SpoorSubcommand.Type)? {
        commands.first { $0.configuration.commandName == name }
    }

    /// What `spoor` prints without a command, in the layout of `lttng`'s usage.
    static let usage = """
        Usage: spoor [--group=GROUP] [--mi=TYPE] [--no-sessiond | --sessiond-path=PATH]
                     [--quiet | -v | -vv | -vvv] COMMAND [COMMAND OPTIONS]

        Available commands:

        Recording sessions:
          create            Create a recording session
          clear             Clear a recording session
          destroy           Destroy recording sessions
          load              Load recording session configurations
          regenerate        Regenerate specific recording session data
          save              Save recording session configurations
          set-session       Set the current recording session

        Channels:
          disable-channel   Disable channels
          enable-channel    Create or enable a channel

        Recording event rules:
          disable-event     Disable recording event rules
          enable-event      Create or enable recording event rules

        Context fields:
          add-context       Add context fields to be recorded

        Process attribute tracking:
          track             Allow specific processes to record events
          untrack           Disallow specific processes to record events

        Status:
          list              List recording sessions and instrumentation points
          status            Show the status of the current recording session

        Control:
          snapshot          Take a recording session snapshot
          start             Start a recording session
          stop              Stop a recording session

        Recording session rotation:
          disable-rotation  Unset a recording session rotation schedule
          enable-rotation   Set a recording session rotation schedule
          rotate            Archive the current trace chunk of a recording session

        Triggers:
          add-trigger       Add a trigger
          remove-trigger    Remove a trigger
          list-triggers     List triggers
          notifications     Print trigger notifications as they arrive

        Crashes:
          crash-handler     Install, show or remove the crash handler

        Miscellaneous:
          help              Show the help of a command
          version           Show Spoor version information
          view              Launch a trace reader

        Run `spoor help COMMAND` or `spoor COMMAND --help` to get help with
        command COMMAND.

        """
}
