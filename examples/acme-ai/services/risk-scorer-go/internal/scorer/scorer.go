package scorer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
)

// Claude 3 Haiku is cheap and fast enough for a score per dispute.
const modelID = "anthropic.claude-3-haiku-20240307-v1:0"

const systemPrompt = `You are a payments risk analyst. Reply with JSON: {"risk": 0-100, "reason": "..."}.`

type Dispute struct {
	ID       string  `json:"id"`
	Amount   float64 `json:"amount"`
	Merchant string  `json:"merchant"`
	Reason   string  `json:"reason"`
}

type Score struct {
	Risk   int    `json:"risk"`
	Reason string `json:"reason"`
}

type Scorer struct{ client *bedrockruntime.Client }

func New(c *bedrockruntime.Client) *Scorer { return &Scorer{client: c} }

func (s *Scorer) Score(ctx context.Context, d Dispute) (Score, error) {
	body, _ := json.Marshal(d)
	out, err := s.client.Converse(ctx, &bedrockruntime.ConverseInput{
		ModelId: aws.String(modelID),
		System:  []types.SystemContentBlock{&types.SystemContentBlockMemberText{Value: systemPrompt}},
		Messages: []types.Message{{
			Role:    types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: string(body)}},
		}},
	})
	if err != nil {
		return Score{}, fmt.Errorf("converse: %w", err)
	}
	msg, ok := out.Output.(*types.ConverseOutputMemberMessage)
	if !ok || len(msg.Value.Content) == 0 {
		return Score{}, fmt.Errorf("empty response")
	}
	text, _ := msg.Value.Content[0].(*types.ContentBlockMemberText)
	var sc Score
	err = json.Unmarshal([]byte(text.Value), &sc)
	return sc, err
}
