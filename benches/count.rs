//! Counting throughput on ~1 MB of mixed Chinese/English text, the size of a reviewer's batch of
//! sections and far above any single section the live counter sees.
//!
//! Run: `cargo bench --bench count`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tianbiao::count::{Mode, Options, count, count_mode, overflow_start};

/// A paragraph in the style of the ministry template: Han, ASCII words and abbreviations, digits,
/// percent, units, Chinese and ASCII punctuation, a few emoji (one with ZWJ, one with a skin tone),
/// and CRLF line ends as pasted from Word.
const PARAGRAPH: &str = "本场景面向城市交通管理，构建了“感知—分析—决策”一体化的AI视频智能分析平台，\
接入5G+工业互联网摄像头12,000路，采用YOLOv8与Transformer模型，识别准确率达到98.5%以上。\
平台符合GB/T 15834—2011要求，单路视频处理时延低于200 ms，日均处理数据约3.5 TB（同比增长42%）。\
通过边缘计算节点（Edge Node）与云端协同，降低20%的整体运营成本……👍 \
试点期间累计服务用户超过1.2万人次，用户满意度95%，获得了广泛好评👨\u{200D}💻。\r\n\
下一步将推广到10个以上城市，并开放API接口供第三方开发者调用👍🏻。\r\n";

fn mixed_text(target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + PARAGRAPH.len());
    while text.len() < target_bytes {
        text.push_str(PARAGRAPH);
    }
    text
}

fn bench_count(c: &mut Criterion) {
    let text = mixed_text(1 << 20);
    let opts = Options::default();
    let total = count(&text, opts);

    let mut group = c.benchmark_group("count");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("all_modes_1MiB_mixed", |b| {
        b.iter(|| count(black_box(&text), black_box(opts)))
    });
    group.bench_function("zishu_1MiB_mixed", |b| {
        b.iter(|| count_mode(black_box(&text), Mode::Zishu, black_box(opts)))
    });
    // The editor's worst case for marking overflow: the limit is hit at the very end.
    group.bench_function("overflow_start_at_end_1MiB_mixed", |b| {
        b.iter(|| {
            overflow_start(
                black_box(&text),
                Mode::Zishu,
                black_box(opts),
                total.zishu - 1,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench_count);
criterion_main!(benches);
