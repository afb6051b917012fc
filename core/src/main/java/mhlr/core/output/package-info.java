/**
 * How every command commits its output directory, once for local paths and Hadoop file systems alike: a lock
 * beside the target for the whole run, a staging directory with a random name, a final rename that never replaces
 * an output unless {@code --overwrite} was given (checked again at commit time, under the lock), an overwrite that
 * moves the old output aside and deletes it only once the new one is in place, and no output that is, contains or
 * lies inside an input. {@link mhlr.core.output.OutputCommit} holds the protocol; an
 * {@link mhlr.core.output.OutputStore} supplies the file operations of one kind of file system.
 */
package mhlr.core.output;
