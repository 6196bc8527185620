package io.acore.memory.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The words of a text as recall compares them: lower case, stemmed, stop words dropped. */
public final class Words {
    /** How the search index reads the text it holds; shared, since an analyzer serves many threads. */
    static final Analyzer ENGLISH = new EnglishAnalyzer();

    private Words() {
    }

    /** The distinct words of {@code text}, in the order they first appear. */
    public static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream tokens = ENGLISH.tokenStream("words", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the words of a text", e);
        }
        return words;
    }
}
