package dev.cnnc.maven;

/** How a build went: models compiled, found up to date, and removed. (A class, not a record: it loads on Java 11.) */
final class BuildSummary {

    private final int compiled;
    private final int upToDate;
    private final int removed;

    BuildSummary(int compiled, int upToDate, int removed) {
        this.compiled = compiled;
        this.upToDate = upToDate;
        this.removed = removed;
    }

    int compiled() {
        return compiled;
    }

    int upToDate() {
        return upToDate;
    }

    int removed() {
        return removed;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BuildSummary
                && ((BuildSummary) other).compiled == compiled
                && ((BuildSummary) other).upToDate == upToDate
                && ((BuildSummary) other).removed == removed;
    }

    @Override
    public int hashCode() {
        return (compiled * 31 + upToDate) * 31 + removed;
    }

    @Override
    public String toString() {
        return "BuildSummary[compiled=" + compiled + ", upToDate=" + upToDate + ", removed=" + removed + "]";
    }
}
