//===--- EnergyOpMixTests.swift --------------------------------------------===//
// Where the op mix and the precision vary (GEMMs, convolutions, pooling,
// normalisation and different activations at fp32, fp16 and bf16 in one fit),
// a TO-based physical model can explain energy that follows transistor
// switching, which MAC- and FLOP-based models with the same terms cannot: the
// capability test of the per-class model, on runs whose energy is drawn from
// a switching-energy ground truth with seeded noise. Also: lane padding of
// multiply-accumulate kernels, against an independent per-extent sum.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCostModel
import TosimEnergy
import TosimFormats
import TosimIO
import TosimNN
import _TosimTestSupport

@Suite("Energy model on a varied op mix")
struct EnergyOpMixTests {
  static let precisions: [Precision] = [.fp32, .fp16, .bf16]

  static func tables() throws -> [Precision: CostTable] {
    var tables: [Precision: CostTable] = [:]
    for p in precisions { tables[p] = try CostTableReader.read(path: TestSupport.path("circuits/tables/\(p.rawValue).json")) }
    return tables
  }

  /// Seeded layer specs that mix GEMMs, convolutions, pooling, normalisation and activations.
  static func specs(_ n: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    let activations = ["relu", "sigmoid", "tanh", "gelu", "silu", "softplus", "elu"]
    return (0..<n).map { _ in
      if rng.next() % 2 == 0 {
        let width = pick([16, 64, 256]), depth = 1 + Int(rng.next() % 3)
        var layers = ["dense(\(pick([32, 128, 512])),\(width))"]
        for _ in 0..<depth {
          layers.append(pick(activations))
          if rng.next() % 2 == 0 { layers.append("layernorm(\(width))") }
          layers.append("dense(\(width),\(width))")
        }
        return layers.joined(separator: " ")
      }
      let channels = pick([4, 8, 16]), side = pick([8, 16])
      var layers = ["conv2d(c_in=3,c_out=\(channels),k=3,pad=1,in=\(side))"]
      if rng.next() % 2 == 0 { layers.append("batchnorm(\(channels))") }
      layers.append(pick(activations))
      layers.append(pick(["maxpool(2)", "avgpool(2)"]))
      layers.append(pick(activations))
      return layers.joined(separator: " ")
    }
  }

  /// Runs whose energy is e_gate per switched gate + e_B per byte + e_call per call, times seeded noise.
  static func runs() throws -> [FitRow] {
    let tables = try tables()
    var rng = SplitMix64(seed: 42)
    func gaussian() -> Double {
      let u = (Double(rng.next() >> 11) + 0.5) / Double(1 << 53), v = Double(rng.next() >> 11) / Double(1 << 53)
      return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
    }
    var rows: [FitRow] = []
    for (k, spec) in specs(60, seed: 9).enumerated() {
      for precision in precisions {
        let batch = [1, 8, 64][(k + rows.count) % 3]
        let graph = try LayerLowering.graph(try LayerSpecParser.parse(spec), precision: precision)
        let count = try NetworkCounter.count(graph, options: CountOptions(inference: InferenceOptions(batchSize: batch)))
        let features = try EnergyFeatures(count: count, mode: .forward, tables: tables)
        let total = features.total
        let truth = 3e-16 * total.dynamicTOs.total + 2e-12 * total.bytes + 1e-9 * total.calls
        rows.append(FitRow(features: features, energy: truth * exp(0.05 * gaussian())))
      }
    }
    return rows
  }

  @Test("TO-based ≥ MAC- and FLOP-based + 3 points where the op mix and the precision vary")
  func variedMix() throws {
    let data = FitData(rows: try Self.runs(), timeExponentGrid: [1])
    func precision(_ p: EnergyPredictor) throws -> Double {
      try EnergyFitter.crossValidate(data, source: .counts(p, .physical), folds: 5, seed: 1).metrics.precision
    }
    let to = try precision(.toDynamic), macs = try precision(.macs), flops = try precision(.flops)
    #expect(to >= macs + 3, "to-dynamic \(to) against macs \(macs)")
    #expect(to >= flops + 3, "to-dynamic \(to) against flops \(flops)")
    #expect(to > 90, "to-dynamic \(to): the ground truth is within the model's reach")
  }

  @Test("lane padding: executed MACs are Σ MACs × ⌈n / W⌉·W / n per lane extent")
  func lanePaddingFactor() {
    var kernel = KernelFeatures(name: "k", opType: "Conv")
    kernel.macs = 600
    kernel.macsByLaneExtent = [12: 300, 3: 200]  // 100 MACs on an axis that is not known
    kernel.flops[.multiplyAccumulate] = 1200
    kernel.dynamicTOs[.multiplyAccumulate] = 6000
    for width in 1...40 {
      let w = Double(width)
      let expected = (300 * (12 / w).rounded(.up) * w / 12 + 200 * (3 / w).rounded(.up) * w / 3 + 100) / 600
      #expect(abs(kernel.lanePaddingFactor(laneWidth: width) - expected) < 1e-12)
      let padded = kernel.lanePadded(laneWidth: width)
      #expect(abs(padded.macs - 600 * expected) < 1e-9)
      #expect(abs(padded.dynamicTOs[.multiplyAccumulate] - 6000 * expected) < 1e-9)
      #expect(padded.bytes == kernel.bytes && padded.calls == kernel.calls)
    }
    #expect(kernel.lanePaddingFactor(laneWidth: 1) == 1)
  }

  @Test("a convolution's forward MACs run along its output channels, its gradients half along the input's")
  func laneExtents() throws {
    let table = try CostTableReader.read(path: TestSupport.path("circuits/tables/fp32.json"))
    let graph = try LayerLowering.graph(try LayerSpecParser.parse("conv2d(c_in=3,c_out=12,k=3,in=8)"), precision: .fp32)
    let count = try NetworkCounter.count(graph, options: CountOptions(inference: InferenceOptions(batchSize: 2), mode: .training(.sgd)))
    let forward = try EnergyFeatures(count: count, mode: .forward, tables: [.fp32: table]).total
    #expect(forward.macsByLaneExtent == [12: forward.macs])
    // 12 output channels at 8 lanes execute 16.
    #expect(abs(forward.lanePaddingFactor(laneWidth: 8) - 16.0 / 12) < 1e-12)
    let backward = try EnergyFeatures(count: count, mode: .backward, tables: [.fp32: table]).total
    let gradientMACs = backward.macsByLaneExtent.values.reduce(0, +)
    #expect(gradientMACs > 0)
    #expect(backward.macsByLaneExtent[3] == gradientMACs / 2)
    #expect(backward.macsByLaneExtent[12] == gradientMACs / 2)
  }

  @Test("a recurrent layer runs one step after another: two kernels per step and R re-read at every step")
  func recurrentSteps() throws {
    let table = try CostTableReader.read(path: TestSupport.path("circuits/tables/fp32.json"))
    let graph = try LayerLowering.graph(try LayerSpecParser.parse("lstm(28,64,seq=28) dense(64,10)"), precision: .fp32)
    let count = try NetworkCounter.count(graph, options: CountOptions(inference: InferenceOptions(batchSize: 1), mode: .training(.sgd)))
    let lstm = count.layers[0]
    #expect(lstm.opType == "LSTM" && lstm.sequentialSteps == 28)
    // W [1, 256, 28], R [1, 256, 64] and B [1, 512] once, then R again at each of the 27 later steps.
    let w = 256 * 28 * 4, r = 256 * 64 * 4, b = 512 * 4
    #expect(lstm.forward.weightBytes == w + r + b + 27 * r)
    #expect(lstm.forward.bytesRead + lstm.forward.bytesWritten == lstm.forward.weightBytes + lstm.forward.activationBytes)
    #expect(lstm.backward.weightBytes == lstm.forward.weightBytes)
    #expect(lstm.backward.activationBytes >= 0)
    #expect(lstm.backward.bytesRead == lstm.backward.weightBytes + lstm.backward.activationBytes + lstm.backward.gradientBytes - lstm.backward.bytesWritten)
    #expect(count.layers[1].sequentialSteps == 0)
    let forward = try EnergyFeatures(count: count, mode: .forward, tables: [.fp32: table])
    #expect(forward.kernels[0].calls == Double(1 + 2 * 28))
    let backward = try EnergyFeatures(count: count, mode: .backward, tables: [.fp32: table])
    #expect(backward.kernels[0].calls == Double(2 + 2 * 28))
  }

  @Test("the optimizer update launches its kernels per trainable tensor: weight and bias of each layer")
  func optimizerCalls() throws {
    let table = try CostTableReader.read(path: TestSupport.path("circuits/tables/fp32.json"))
    let graph = try LayerLowering.graph(try LayerSpecParser.parse("dense(4,3) relu dense(3,2)"), precision: .fp32)
    for (optimizer, perTensor) in [(Optimizer.sgd, 1), (.adam, 8), (.adamw, 9), (.adadelta, 11)] {
      #expect(optimizer.kernelsPerTensor == perTensor)
      let count = try NetworkCounter.count(graph, options: CountOptions(inference: InferenceOptions(batchSize: 2), mode: .training(optimizer)))
      #expect(count.layers.map(\.trainableTensorCount) == [2, 0, 2])
      let features = try EnergyFeatures(count: count, mode: .backward, tables: [.fp32: table])
      let update = try #require(features.kernels.last)
      #expect(update.opType == "update")
      // Two dense layers × (weight, bias) = 4 tensors.
      #expect(update.calls == Double(4 * perTensor))
    }
  }

  @Test("the fit finds the lane width of runs generated with one, and the linear form stays unpadded")
  func laneWidthRecovery() throws {
    var rng = SplitMix64(seed: 5)
    let runs = (0..<150).map { _ -> EnergyFeatures in
      var kernel = KernelFeatures(name: "conv", opType: "Conv")
      kernel.macs = Double(1 + rng.next() % 1_000_000)
      kernel.flops = PerClass([2 * kernel.macs, Double(rng.next() % 10_000), 0, 0])
      kernel.macsByLaneExtent = [Int(1 + rng.next() % 40): kernel.macs]
      kernel.bytes = Double(1 + rng.next() % 100_000)
      kernel.calls = 1
      return EnergyFeatures(kernels: [kernel])
    }
    var truth = EnergyModel(
      predictor: .macs, form: .physical, terms: [.bytes, .calls, .intercept], arithmetic: [2e-12, 1e-12, 0, 0], bytes: 1e-10,
      calls: 1e-6, intercept: 1e-5)
    truth.laneWidth = 8
    let data = FitData(rows: runs.map { FitRow(features: $0, energy: truth.predict($0)) }, laneWidthGrid: [1, 4, 8, 16])
    guard case .model(let fitted) = try EnergyFitter.fit(data, source: .counts(.macs, .physical), terms: [.bytes, .calls, .intercept])
    else {
      Issue.record("expected a model")
      return
    }
    #expect(fitted.laneWidth == 8)
    #expect(abs(fitted.arithmetic[0] / 2e-12 - 1) < 1e-6)
    let padded = FitData(rows: data.rows, laneWidthGrid: [8])
    #expect(padded.totals.map(\.macs) == runs.map(\.total.macs))
  }

  @Test("runs counted with tables that lack to_inertial are recognised, those with it are not")
  func inertialColumn() throws {
    var kernel = KernelFeatures(name: "k", opType: "Gemm")
    kernel.dynamicTOs[.multiplyAccumulate] = 10
    #expect(EnergyFeatures(kernels: [kernel]).lacksInertialTOs)
    kernel.inertialTOs[.multiplyAccumulate] = 12
    #expect(!EnergyFeatures(kernels: [kernel]).lacksInertialTOs)
    let table = try CostTableReader.read(path: TestSupport.path("circuits/tables/fp32.json"))
    let graph = try LayerLowering.graph(try LayerSpecParser.parse("dense(4,3) sigmoid"), precision: .fp32)
    let features = try EnergyFeatures(count: try NetworkCounter.count(graph), mode: .forward, tables: [.fp32: table])
    #expect(!features.lacksInertialTOs)
    #expect(abs(features.total.inertialTOs[.transcendental] - 3 * table.row(.sigmoid)!.inertialTOs!) < 1e-6)
  }
}
