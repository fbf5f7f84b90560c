package dev.portrait.tl.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed TL schema: constructors and functions in source order. */
public record TlSchema(String source, List<TlCombinator> combinators, Integer layer) {

    public List<TlCombinator> constructors() {
        return combinators.stream().filter(c -> !c.function()).toList();
    }

    public List<TlCombinator> functions() {
        return combinators.stream().filter(TlCombinator::function).toList();
    }

    /** Combinators by name; a later line with the same name wins, as it does in the schema's own tools. */
    public Map<String, TlCombinator> byName() {
        Map<String, TlCombinator> map = new LinkedHashMap<>();
        for (TlCombinator c : combinators) map.put(c.name(), c);
        return map;
    }

    /** Constructors grouped by their result type, in source order. */
    public Map<String, List<TlCombinator>> constructorsByType() {
        Map<String, List<TlCombinator>> map = new LinkedHashMap<>();
        for (TlCombinator c : constructors()) map.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
        return map;
    }

    /** Lines whose written id differs from the CRC32 of the normalised line. */
    public List<TlCombinator> idMismatches() {
        return combinators.stream().filter(c -> c.explicitId() && c.id() != c.computedId()).toList();
    }
}
