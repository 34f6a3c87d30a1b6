/**
 * The op catalog: for every op of the language, its inputs and its attributes with their kinds,
 * defaults and ranges. The front end knows op names only through this table.
 */
package dev.cnnc.ops;
