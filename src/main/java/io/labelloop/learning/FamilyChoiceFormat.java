package io.labelloop.learning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The stored form of a {@link FamilyChoice} inside model bytes (format 2). */
final class FamilyChoiceFormat {
    private FamilyChoiceFormat() {
    }

    static void write(FamilyChoice c, DataOutputStream out) throws IOException {
        out.writeUTF(c.family().name());
        out.writeUTF(c.representation().name());
        out.writeBoolean(c.automatic());
        out.writeUTF(c.reason());
        out.writeInt(c.labelsWhenDecided());
        out.writeInt(c.candidates().size());
        for (FamilyChoice.CandidateScore s : c.candidates()) {
            out.writeUTF(s.family().name());
            out.writeUTF(s.representation().name());
            out.writeDouble(s.cvLogLoss());
            out.writeDouble(s.cvAccuracy());
        }
    }

    static FamilyChoice read(DataInputStream in) throws IOException {
        ModelFamily family = ModelFamily.valueOf(in.readUTF());
        Representation representation = Representation.valueOf(in.readUTF());
        boolean automatic = in.readBoolean();
        String reason = in.readUTF();
        int labels = in.readInt();
        int n = in.readInt();
        List<FamilyChoice.CandidateScore> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            candidates.add(new FamilyChoice.CandidateScore(ModelFamily.valueOf(in.readUTF()),
                    Representation.valueOf(in.readUTF()), in.readDouble(), in.readDouble()));
        }
        return new FamilyChoice(family, representation, automatic, candidates, reason, labels);
    }
}
