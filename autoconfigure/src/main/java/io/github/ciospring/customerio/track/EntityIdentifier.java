package io.github.ciospring.customerio.track;

/**
 * What a Track v2 operation or relationship is about: a person ({@link PersonIdentifier}), an object
 * ({@link ObjectIdentifier}), or a person known only by an anonymous id ({@link AnonymousIdentifier}, in the
 * relationships of an object's {@code identify_anonymous}).
 */
public sealed interface EntityIdentifier permits PersonIdentifier, ObjectIdentifier, AnonymousIdentifier {

}
