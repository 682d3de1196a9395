/**
 * Web endpoints of the sample application.
 */
@NullMarked
package io.github.ciospring.sample.web;

import org.jspecify.annotations.NullMarked;
