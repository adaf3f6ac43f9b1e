package dev.novalibvirt.core.xml;

import java.nio.file.Files;
import java.nio.file.Path;

/** Not a test: writes DomainXml.write(parse(f)) of each given file into OUTDIR (for byte-for-byte comparisons). */
public final class WriteAll {
    private WriteAll() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path in = Path.of(args[i]);
            String text;
            try {
                text = DomainXml.write(DomainXml.parse(Files.readString(in)));
            } catch (RuntimeException e) {
                text = "ERROR " + e.getMessage();
            }
            Files.writeString(out.resolve(in.getFileName()), text);
        }
    }
}
