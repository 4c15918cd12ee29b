package io.somnus.experiment.stdp;


import io.somnus.data.DatasetDescriptor;
import io.somnus.data.DatasetRegistry;
import io.somnus.data.FileHashes;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.PhiDefinition;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.model.ModelResult;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunFiles;
import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The STDP-SNN ({@code model: stdp}): the event-driven network of {@link NetworkFactory}, trained by {@link StdpTraining}. */
public final class StdpRunner implements ModelRunner<StdpRunConfig> {
    private final Kernels kernels;
    private final SpikeExchange exchange;
    /** What the configuration check built for the run ({@link #check}); null: the run checks and builds its own. */
    private final CheckedNetwork checked;

    /** @param kernels the simulator kernels populations and projections are built with */
    public StdpRunner(Kernels kernels) {
        this(kernels, SpikeExchange.NONE);
    }

    /** @param exchange spike export and import ({@link SpikeExchange}) */
    public StdpRunner(Kernels kernels, SpikeExchange exchange) {
        this(kernels, exchange, null);
    }

    /**
     * @param checked what {@link #check} returned for the configuration this runs: its network is built with the
     *                populations of model class the check built (constructed once a run); null, or another
     *                configuration's: the run constructs its own
     */
    public StdpRunner(Kernels kernels, SpikeExchange exchange, CheckedNetwork checked) {
        this.kernels = Objects.requireNonNull(kernels);
        this.exchange = Objects.requireNonNull(exchange);
        this.checked = checked;
    }

    @Override
    public void validate(StdpRunConfig c) {
        check(c);
    }

    /**
     * {@link #validate}, returning what the network check built ({@link NetworkFactory#validate}), for the runner of
     * this run ({@link #StdpRunner(Kernels, SpikeExchange, CheckedNetwork)}).
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    public CheckedNetwork check(StdpRunConfig c) {
        SleepSettingsFactory.create(c.sleep(), c.simulation().dtMs());
        if (c.readout().readouts().isEmpty()) {
            throw new ConfigException("readout.readouts is empty; use some of " + Choices.of(ReadoutKind.class));
        }
        if (c.readout().phi().isEmpty()) {
            throw new ConfigException("readout.phi is empty; use some of " + Choices.of(PhiDefinition.class));
        }
        DatasetDescriptor d = new DatasetRegistry().descriptor(c.dataset().name());
        int side = c.dataset().resize() > 0 ? c.dataset().resize() : 0;
        long inputs = side > 0 ? (long) side * side : (long) d.height() * d.width();
        if (inputs > Integer.MAX_VALUE) {
            throw new ConfigException("dataset.resize = " + side + ": " + side + "×" + side + " inputs are too many");
        }
        CheckedNetwork network = NetworkFactory.validate(c, (int) inputs);
        PhysicalParameters.refuseInput(c, (int) inputs);
        if (!c.readout().readouts().contains(c.readout().main())) {
            throw new ConfigException("readout.main '" + Choices.of(c.readout().main()) + "' must be one of readout.readouts "
                    + c.readout().readouts().stream().map(Choices::of).toList());
        }
        return network;
    }

    @Override
    public List<String> warnings(StdpRunConfig c) {
        List<String> out = new ArrayList<>(PhysicalParameters.warnings(c));
        if (!StdpGenerators.recordable()) {
            out.add(NOT_RESUMABLE);
        }
        return List.copyOf(out);
    }

    /** The warning of a run on a JDK whose generators' states cannot be taken (SplittableState#rebuildable). */
    static final String NOT_RESUMABLE = ModelRunner.notResumable("STDP-SNN");

    @Override
    public ModelResult run(StdpRunConfig cfg, PreparedData data, RunFiles files) throws IOException {
        StdpTraining.Result r = new StdpTraining(cfg, files, kernels, exchange).checked(checked).run(data.train(), data.validation(), data.test());
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        r.weights().forEach((k, w) -> arrays.put(k, NpyArray.of(w, r.shapes().get(k))));
        // scalar and SIMD kernels give identical numbers on every CPU; recorded for speed comparisons
        Map<String, Object> provenance = new LinkedHashMap<>();
        if (exchange.networkIn() != null) { // the run's numbers depend on this file as well as on its configuration
            Map<String, Object> loaded = new LinkedHashMap<>();
            loaded.put("file", exchange.networkIn().toAbsolutePath().toString());
            loaded.put("sha256", FileHashes.sha256(exchange.networkIn()));
            provenance.put("network_loaded_from", loaded);
        }
        provenance.put("kernels", kernels.name());
        if (kernels == Kernels.preferred()) {
            // how auto (or -Dsomnus.kernels) chose them: forced, cached, calibrated (with its timings) or by rule
            provenance.put("kernels_selection", Kernels.preferredChoice().toMap());
        }
        return new ModelResult(r.summary(), r.timing(), provenance, arrays, r.network());
    }
}
