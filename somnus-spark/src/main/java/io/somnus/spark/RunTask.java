package io.somnus.spark;

import java.io.Serializable;

/**
 * What a Spark task needs to execute one run: sent from the driver with Spark's default (Java) serializer.
 *
 * @param label       the run's name on the driver, for Spark's job description and error messages
 * @param configJson  the run's resolved configuration, as JSON
 * @param dataDirName the name under which the driver shipped its dataset folder ({@code SparkFiles}); null:
 *                    the executor's registry finds or fetches the datasets itself
 */
record RunTask(String label, String configJson, String dataDirName) implements Serializable { }
