package dev.visitstream.dashboard;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The dashboard's own settings (prefix {@code dashboard}). Every key can be set by environment
 * variable, e.g. {@code DASHBOARD_JOURNAL_CAPACITY} for {@code dashboard.journal.capacity}.
 */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    /**
     * Open SSE connections (all three streams together) the service accepts; one more is
     * refused with 503 and a message, so a crowd of clients cannot exhaust its memory.
     * Env {@code DASHBOARD_MAX_CLIENTS}.
     */
    @WithDefault("500")
    int maxClients();

    Journal journal();

    Frames frames();

    Client client();

    Stats stats();

    DeadLetters deadLetters();

    interface Journal {
        /** Events kept in memory for reconnecting clients (Last-Event-ID); older ones are a gap. */
        @WithDefault("65536")
        int capacity();
    }

    interface Frames {
        /** How often the newest events are sealed into one SSE frame. */
        @WithDefault("100ms")
        Duration interval();

        /**
         * A frame is sealed early when it holds this many events. Each client may hold one
         * frame in its connection's write queue, so this also bounds the memory a slow client pins.
         */
        @WithDefault("1000")
        int maxEvents();
    }

    interface Client {
        /** Events a client may lag behind the newest frame before its oldest ones are dropped. */
        @WithDefault("10000")
        int bufferEvents();

        /** Most events a new client may ask for with {@code history=N}. */
        @WithDefault("1000")
        int maxHistory();

        /** An SSE comment is sent after this much silence, so proxies keep the stream open. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    interface Stats {
        /** How often the aggregates stream sends a snapshot. */
        @WithDefault("1s")
        Duration interval();

        /** Seconds of events/s history in each snapshot. */
        @WithDefault("300")
        int historySeconds();

        /** Entries in the top pages list. */
        @WithDefault("10")
        int topPages();

        /** Distinct pages counted one by one; further new pages count as "(other)". */
        @WithDefault("5000")
        int maxDistinctPages();

        /** Pipeline windows (website-stats) kept and sent. */
        @WithDefault("30")
        int pipelineWindows();
    }

    interface DeadLetters {
        /** Dead letters kept in memory. */
        @WithDefault("500")
        int capacity();

        /** Characters of a dead letter's key and value shown. */
        @WithDefault("2048")
        int previewChars();
    }
}
