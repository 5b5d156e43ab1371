import SpoorCLI

#if canImport(Glibc)
import Glibc
#endif

exit(SpoorCLI.main(arguments: CommandLine.arguments))
