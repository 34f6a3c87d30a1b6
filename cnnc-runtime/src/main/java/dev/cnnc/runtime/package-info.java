/**
 * What generated networks need at run time. This module has no dependencies: generated classes
 * and the applications that use them ship with it alone.
 */
package dev.cnnc.runtime;
