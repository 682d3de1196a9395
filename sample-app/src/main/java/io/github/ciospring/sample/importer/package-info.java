/**
 * Command-line import of people and events from CSV files into Customer.io.
 */
@NullMarked
package io.github.ciospring.sample.importer;

import org.jspecify.annotations.NullMarked;
