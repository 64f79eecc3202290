package policysearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch node in this JVM, from the modules on the class path,
 * bound to loopback only. Used by `make opensearch` and the tests of
 * search/opensearch; not a production deployment (no security plugin, no
 * bootstrap checks).
 *
 * <pre>
 * Launcher HOME HTTP_PORT TRANSPORT_PORT [NODE_NAME SEED_PORTS INITIAL_NODES]
 * </pre>
 *
 * With three arguments the node is a single-node cluster. With six it joins
 * a loopback cluster: SEED_PORTS are the transport ports of its peers
 * ("9300,9301,9302") and INITIAL_NODES the names that elect the first
 * cluster manager ("n1,n2,n3"). HOME holds the node's data and logs; the
 * line "ready http://127.0.0.1:PORT" on stdout says the node serves.
 */
public final class Launcher {
    /** A node in its own JVM, so it is the only plugin-enabled subclass needed. */
    static final class LoopbackNode extends Node {
        LoopbackNode(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> settings.get("node.name")),
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 6) {
            System.err.println("usage: Launcher HOME HTTP_PORT TRANSPORT_PORT [NODE_NAME SEED_PORTS INITIAL_NODES]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Map<String, String> s = new HashMap<>();
        s.put("path.home", home.toString());
        s.put("path.data", home.resolve("data").toString());
        s.put("path.logs", home.resolve("logs").toString());
        s.put("cluster.name", "policysearch");
        s.put("network.host", "127.0.0.1");
        s.put("http.port", args[1]);
        s.put("transport.port", args[2]);
        // A developer's disk is often fuller than the 85% watermark; the
        // node would then refuse to allocate replicas and the index stays yellow.
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        if (args.length == 3) {
            s.put("node.name", "policysearch-1");
            s.put("discovery.type", "single-node");
        } else {
            s.put("node.name", args[3]);
            StringBuilder seeds = new StringBuilder();
            for (String port : args[4].split(",")) {
                if (seeds.length() > 0) {
                    seeds.append(',');
                }
                seeds.append("127.0.0.1:").append(port.trim());
            }
            s.put("discovery.seed_hosts", seeds.toString());
            s.put("cluster.initial_cluster_manager_nodes", args[5]);
        }
        Settings settings = Settings.builder().putProperties(s, k -> k).build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(settings.get("node.name"));
        LogConfigurator.configureWithoutConfig(settings);

        Node node = new LoopbackNode(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        System.out.println("ready http://127.0.0.1:" + args[1]);
        System.out.flush();
        stopped.await();
    }
}
