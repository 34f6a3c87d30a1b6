/** Small helpers with no better home: JSON output. */
package dev.cnnc.util;
