package cn.liangxin.web;

import io.quarkus.arc.Arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds and runs the {@link InputCheck}s of an input: the one place both the API and the pages ask. */
public final class InputChecks {

    private InputChecks() {
    }

    /** The problems the checks of this input's type find, but for the fields already reported. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<FieldError> of(Object input, Set<String> reported) {
        List<FieldError> out = new ArrayList<>();
        if (input == null) {
            return out;
        }
        // a wildcard: each check is a bean of its own parameterized type
        for (InputCheck check : Arc.container().select(new jakarta.enterprise.util.TypeLiteral<InputCheck<?>>() { })) {
            if (check.type().isInstance(input)) {
                for (FieldError e : (List<FieldError>) check.check(input)) {
                    if (!reported.contains(e.field())) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }
}
