package io.somnus.experiment.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the JSON files of run and sweep directories; a damaged file is an error that names it and the place. */
public final class JsonFiles {

    private JsonFiles() { }

    /**
     * The JSON object in {@code file}.
     *
     * @throws FileFormatException naming the file (and line and column) when it is not a JSON object
     * @throws IOException         when it cannot be read (the message names it)
     */
    public static JsonNode readObject(Path file) throws IOException {
        JsonNode n;
        try {
            n = Mappers.JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new FileFormatException(file + " is damaged: not valid JSON" + where + ": " + e.getOriginalMessage()
                    + "; repair it or remove its run", e);
        }
        if (n == null || !n.isObject()) {
            throw new FileFormatException(file + " is damaged: expected a JSON object, found "
                    + (n == null || n.isMissingNode() ? "nothing" : n.getNodeType().toString().toLowerCase()));
        }
        return n;
    }
}
