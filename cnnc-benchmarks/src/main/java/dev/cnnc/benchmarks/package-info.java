/**
 * JMH benchmarks of the classes cnnc generates against the reference interpreter, over the layers
 * and models the README's performance table lists. Build with {@code ./mvnw -pl cnnc-benchmarks -am
 * package -DskipTests}, run with {@code java -jar cnnc-benchmarks/target/benchmarks.jar}.
 */
package dev.cnnc.benchmarks;
