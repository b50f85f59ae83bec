package io.busbar.hub.routes;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The deployments of route files, in PostgreSQL: each recorded in a transaction of its own. */
@ApplicationScoped
public class DeploymentHistory {

    private static final Logger LOG = Logger.getLogger(DeploymentHistory.class);

    @Inject
    EntityManager em;

    public record Page(List<RouteDeployment> items, long total) {
    }

    /** Stores the record; a deployment that happened is not undone if the history cannot be written. */
    public RouteDeployment record(RouteDeployment deployment) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.persist(deployment));
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the deployment of %s (%s): %s", deployment.file, deployment.outcome, e);
        }
        return deployment;
    }

    public Optional<RouteDeployment> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(em.find(RouteDeployment.class, id)));
    }

    /** Newest first; optionally only one file's. */
    public Page page(String file, int offset, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String where = file == null ? "" : " where d.file = :file";
            var query = em.createQuery("from RouteDeployment d" + where + " order by d.at desc, d.id desc",
                    RouteDeployment.class);
            var count = em.createQuery("select count(d) from RouteDeployment d" + where, Long.class);
            if (file != null) {
                query.setParameter("file", file);
                count.setParameter("file", file);
            }
            List<RouteDeployment> items = query.setFirstResult(offset).setMaxResults(size).getResultList();
            items.forEach(em::detach);
            return new Page(items, count.getSingleResult());
        });
    }

    /** The newest record of a file, if any. */
    public Optional<RouteDeployment> latest(String file) {
        return page(file, 0, 1).items().stream().findFirst();
    }
}
