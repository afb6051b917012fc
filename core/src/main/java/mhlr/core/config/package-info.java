/**
 * Configuration as data: {@code conf/base.conf} holds every key with its default, a preset in {@code conf/}
 * overrides some of them, and each {@code --set key=value} overrides one more. A key that the base does not
 * have, or a value of the wrong type, is refused with its name.
 */
package mhlr.core.config;
