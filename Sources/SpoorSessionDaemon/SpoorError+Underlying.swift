import SpoorModel
import SpoorPosix

extension SpoorError {
    /// An error whose detail says what failed, keeping the failed system call, when `underlying`
    /// is one, as the cause that travels to the client (the text stays what it was).
    init(_ code: ErrorCode, _ detail: String, underlying: any Error) {
        if let system = underlying as? SystemError {
            self.init(code, detail, cause: Cause(operation: system.operation, errno: system.errno))
        } else {
            self.init(code, detail)
        }
    }
}
