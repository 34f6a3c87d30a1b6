/** The driver: runs the front-end stages in order over a file and collects what they report. */
package dev.cnnc.driver;
