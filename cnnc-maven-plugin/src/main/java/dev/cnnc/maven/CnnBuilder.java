package dev.cnnc.maven;

/** {@link ModelBuilder}'s implementation: a {@link CnnBuild} run. Public with a public constructor, for loading by name. */
public final class CnnBuilder implements ModelBuilder {

    public CnnBuilder() {}

    @Override
    public BuildSummary build(BuildOptions options, BuildLog log) throws BuildFailure {
        return new CnnBuild(options, log).run();
    }
}
