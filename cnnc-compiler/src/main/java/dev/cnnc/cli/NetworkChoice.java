package dev.cnnc.cli;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.ir.CheckedGraph;
import java.nio.file.Path;
import java.util.List;

/** Which network of a checked file a command works on: the one named by {@code --network}, or the file's only one. */
final class NetworkChoice {

    private NetworkChoice() {}

    static CheckedGraph pick(CheckResult result, Path model, String networkName) throws InputError {
        List<CheckedGraph> networks = result.networks();
        List<String> names = networks.stream().map(network -> network.graph().name()).toList();
        if (networkName != null) {
            for (CheckedGraph network : networks) {
                if (network.graph().name().equals(networkName)) {
                    return network;
                }
            }
            throw new InputError(model + " has no network named '" + networkName + "'; it has " + String.join(", ", names));
        }
        if (networks.size() != 1) {
            throw new InputError(model + " has " + networks.size() + " networks (" + String.join(", ", names)
                    + "); pick one with --network NAME");
        }
        return networks.get(0);
    }
}
