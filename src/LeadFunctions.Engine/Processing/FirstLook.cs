namespace LeadFunctions.Engine.Processing;

/// <summary>How <see cref="LeadCommandProcessor"/> learns, on a command's first attempt, what is stored.</summary>
public enum FirstLook
{
    /// <summary>
    /// Skip the read when it can: the lead this instance last wrote, or no lead for a command that may create one (right
    /// for a new person, a refused write and a read for anyone else).
    /// </summary>
    Guess,

    /// <summary>
    /// Look up the command's audit line by key, then the lead: for a command probably recorded already, such as a row of
    /// a file imported before, which then costs one point read instead of a refused write and a read.
    /// </summary>
    CommandFirst,
}
