/**
 * Why a record of the input was not written: the reasons every stage uses in its skipped table, and the
 * exception that carries one from the code that found the problem to the code that counts it.
 */
package mhlr.core.skip;
