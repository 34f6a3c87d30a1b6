/**
 * Building the graph IR from the AST: names are resolved, ops looked up in the catalog, attributes
 * read and checked, chains and nested calls unrolled into nodes, and nodes named for PyTorch.
 */
package dev.cnnc.graph;
