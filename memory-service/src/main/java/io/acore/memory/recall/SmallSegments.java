package io.acore.memory.recall;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * Where the scopes' newest segments are written: in memory while they are small and the replica's budget allows, on
 * disk otherwise. Each top-up makes a segment of a few turns and merges soon fold it into a larger one; written as
 * files, that churn of files created and deleted cost memory-service about a seventh of its CPU in the kernel under a
 * burst. Nothing here is ever committed: the database is the record, so a segment held in memory is lost with its
 * scope, as the files would be.
 */
final class SmallSegments {
    /** A segment this small (or a merge into one) is kept in memory when the budget has room for it. */
    private static final double LARGEST_IN_MEMORY_MB = 1;

    private final long budgetBytes;
    private final Set<Cached> open = ConcurrentHashMap.newKeySet();

    /** At most {@code budgetMb} of segments held in memory, all open scopes together (0: every segment on disk). */
    SmallSegments(double budgetMb) {
        this.budgetBytes = (long) (budgetMb * 1024 * 1024);
    }

    /** The directory of one scope's index, files under {@code dir}; closing it releases its share of the budget. */
    Directory open(Path dir) throws IOException {
        FSDirectory files = FSDirectory.open(dir);
        if (budgetBytes == 0) {
            return files;
        }
        Cached cached = new Cached(files);
        open.add(cached);
        return cached;
    }

    /** Bytes of segments held in memory now, all open scopes together. */
    long inMemoryBytes() {
        long held = 0;
        for (Cached cached : open) {
            held += cached.ramBytesUsed();
        }
        return held;
    }

    private final class Cached extends NRTCachingDirectory {
        Cached(FSDirectory files) {
            super(files, LARGEST_IN_MEMORY_MB, budgetBytes / (1024.0 * 1024.0));
        }

        @Override
        protected boolean doCacheWrite(String name, IOContext context) {
            // the base class has checked the size (it keeps nothing of unknown size)
            long bytes = context.mergeInfo != null ? context.mergeInfo.estimatedMergeBytes
                    : context.flushInfo != null ? context.flushInfo.estimatedSegmentSize : 0;
            return super.doCacheWrite(name, context) && inMemoryBytes() + bytes <= budgetBytes;
        }

        @Override
        public void close() throws IOException {
            open.remove(this);
            super.close();
        }
    }
}
