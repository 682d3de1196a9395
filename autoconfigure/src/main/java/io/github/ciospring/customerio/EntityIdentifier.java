package io.github.ciospring.customerio;

/**
 * Who or what a request is about: a person ({@link PersonIdentifier}), an object ({@link ObjectIdentifier}), or a
 * person known only by an anonymous id ({@link AnonymousIdentifier}, in the relationships of an object's
 * {@code identify_anonymous}). Each API takes the kinds it documents and refuses the others, naming the field, when
 * the request is built.
 */
public sealed interface EntityIdentifier permits PersonIdentifier, ObjectIdentifier, AnonymousIdentifier {

}
