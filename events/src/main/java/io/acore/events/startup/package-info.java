/** How every service starts, and what it says when it cannot. */
package io.acore.events.startup;
