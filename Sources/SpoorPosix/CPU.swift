import CSpoorShims

/// The processors of this machine.
public enum CPU {
    /// How many processors the system can have online (`_SC_NPROCESSORS_CONF`), at least 1:
    /// one ring buffer per possible CPU.
    public static var possibleCount: Int { Int(cspoor_possible_cpu_count()) }
}
