import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { TextEmbedder } from '@frm/text-embeddings';
import { vectorFromBytes } from '../embeddings/derived-tables';
import { TriageReadModel } from '../read-model/triage.read-model';
import { checkRequestText } from '../requests/text-rules';
import { embeddingTextOf } from '../similarity/text-query';
import { suggestCategory, suggestCategoryByKeywords, trainCategoryModel, type CategoryModel, type CategorySuggestion } from './suggest-category';

/** Fewer examples than this, or of fewer categories, and the keywords guess better than centroids would. */
const MIN_EXAMPLES = 20;
const MIN_CATEGORIES = 2;
/** The latest requests teach the model; older ones add little and cost time on every suggestion. */
const MAX_EXAMPLES = 2_000;
const RETRAIN_AFTER_MS = 60_000;

interface ExampleRow {
  readonly category: string;
  readonly tags: string[];
  readonly vector: Uint8Array;
}

/** The category and tags most likely for a new request: nearest centroid of people's own choices, else keywords. */
@Injectable()
export class SuggestCategoryHandler {
  private trained: { readonly model: CategoryModel | undefined; readonly at: number } | undefined;

  constructor(private readonly readModel: TriageReadModel) {}

  async execute(request: frmV1.SuggestCategoryRequest): Promise<frmV1.CategorySuggestion> {
    const text = checkRequestText(request);
    const embedder = this.readModel.model.embedder;
    const model = embedder ? await this.categoryModel(embedder) : undefined;
    if (!embedder || !model) return messageOf(suggestCategoryByKeywords(`${text.title} ${text.description}`));
    const [vector] = await embedder.embed([embeddingTextOf(text)]);
    return messageOf(suggestCategory(vector as Float32Array, model));
  }

  private async categoryModel(embedder: TextEmbedder): Promise<CategoryModel | undefined> {
    if (this.trained && Date.now() - this.trained.at < RETRAIN_AFTER_MS) return this.trained.model;
    const rows = await this.readModel.db.query<ExampleRow>(
      `select r.category, r.tags, v.vector from ${this.readModel.schema.table('requests')} r
       join ${this.readModel.derived.vectors} v on v.model = $1 and v.text_hash = r.text_hash
       where not r.erased and r.status <> 'FEATURE_REQUEST_STATUS_MERGED'
       order by r.seq desc limit ${MAX_EXAMPLES}`,
      [embedder.model],
    );
    const enough = rows.length >= MIN_EXAMPLES && new Set(rows.map((row) => row.category)).size >= MIN_CATEGORIES;
    const model = enough ? trainCategoryModel(rows.map((row) => ({ category: row.category, tags: row.tags, vector: vectorFromBytes(row.vector) }))) : undefined;
    this.trained = { model, at: Date.now() };
    return model;
  }
}

function messageOf(suggestion: CategorySuggestion): frmV1.CategorySuggestion {
  return {
    category: suggestion.category,
    tags: [...suggestion.tags],
    confidence: suggestion.confidence,
    alternatives: suggestion.alternatives.map(({ category, confidence }) => ({ category, confidence })),
    method: suggestion.method,
  };
}
